import {parseLabelList} from './kubeadm-config.js';
import type {WrittenFile} from './user-data.js';

/** The annotation in which a kopsx worker asks for the labels its kubelet may not set itself. */
const CLAIMS_ANNOTATION = 'kopsx.io/node-labels';
/** What a control plane's labeler never gives a worker. */
const CONTROL_PLANE_ONLY = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'];
const CONTROL_PLANE_ONLY_PREFIX = 'node-restriction.kubernetes.io/';

/**
 * The labels kopsx's bootstrap sets through the API once the node exists, because a kubelet may not set them
 * (`kops.k8s.io/instancegroup`, `node-role.kubernetes.io/*`): a control plane labels itself
 * (`kubectl label node "$node_name" --overwrite k=v ...`), a worker claims them in an annotation that a control
 * plane's labeler grants, except control-plane labels. The simulator plays both parts, reading the bootstrap
 * script among the written files.
 */
export function claimedLabels(files: readonly WrittenFile[], options: {readonly controlPlane: boolean}): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const words of files.flatMap((file) => file.content.split('\n').map(shellWords))) {
    if (options.controlPlane && isSelfLabelling(words)) {
      Object.assign(labels, parseLabelList(words.slice(words.indexOf('--overwrite') + 1).join(',')));
    }
    const claim = words.find((word) => word.startsWith(`${CLAIMS_ANNOTATION}=`));
    if (!options.controlPlane && claim && words.includes('annotate')) {
      const claimed = parseLabelList(claim.slice(CLAIMS_ANNOTATION.length + 1));
      for (const [key, value] of Object.entries(claimed)) if (!isControlPlaneOnly(key)) labels[key] = value;
    }
  }
  return labels;
}

function isSelfLabelling(words: readonly string[]): boolean {
  const kubectl = words.indexOf('kubectl');
  return kubectl >= 0 && words[kubectl + 1] === 'label' && words[kubectl + 2] === 'node' && words.includes('--overwrite');
}

function isControlPlaneOnly(key: string): boolean {
  return CONTROL_PLANE_ONLY.includes(key) || key.startsWith(CONTROL_PLANE_ONLY_PREFIX);
}

/** Splits a line of bash into words, undoing single and double quotes (no expansion). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let current: string | undefined;
  let quote: "'" | '"' | undefined;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = undefined;
      else current = (current ?? '') + char;
    } else if (char === "'" || char === '"') {
      quote = char;
      current ??= '';
    } else if (char === ' ' || char === '\t') {
      if (current !== undefined) words.push(current);
      current = undefined;
    } else {
      current = (current ?? '') + char;
    }
  }
  return current === undefined ? words : [...words, current];
}
