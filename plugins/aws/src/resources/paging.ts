/** Follow an AWS listing's continuation token (`NextToken`, `Marker`, ...) to the end. */
export async function allPages<T>(fetchPage: (token: string | undefined) => Promise<{items?: T[]; next?: string}>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const {items = [], next} = await fetchPage(token);
    all.push(...items);
    token = next;
  } while (token);
  return all;
}
