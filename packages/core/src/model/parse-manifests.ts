import yaml from 'js-yaml';
import type {z} from 'zod';
import {ValidationError, type FieldProblem} from '../errors.js';
import {clusterSchema, instanceGroupSchema} from './manifest-schema.js';
import {schemaProblems} from './schema-problems.js';
import {API_VERSION, type Cluster, type InstanceGroup} from './types.js';

export interface ParsedManifests {
  clusters: Cluster[];
  instanceGroups: InstanceGroup[];
}

type ParsedDocument = {cluster: Cluster} | {instanceGroup: InstanceGroup} | {problems: FieldProblem[]};

const SCHEMAS: Record<string, z.ZodType<Cluster> | z.ZodType<InstanceGroup>> = {
  Cluster: clusterSchema,
  InstanceGroup: instanceGroupSchema,
};

/**
 * Reads kOps manifests: multi-document YAML (`---`) or JSON (one object, or an array of them). Older kOps
 * spellings are normalised (see manifest-schema.ts). Throws one ValidationError listing every problem of every
 * document; with several documents each path starts with `document N: ` (counting from 1).
 */
export function parseManifests(text: string, source?: string): ParsedManifests {
  const documents = loadDocuments(text, source);
  if (documents.length === 0) {
    throw new ValidationError(
      [
        {
          path: '(input)',
          message: 'holds no Cluster or InstanceGroup document',
          hint: 'write one, or export one with "kopsx get cluster NAME -o yaml"',
        },
      ],
      source,
    );
  }
  const parsed: ParsedManifests = {clusters: [], instanceGroups: []};
  const problems: FieldProblem[] = [];
  documents.forEach((document, index) => {
    const result = parseDocument(document);
    if ('cluster' in result) parsed.clusters.push(result.cluster);
    else if ('instanceGroup' in result) parsed.instanceGroups.push(result.instanceGroup);
    else {
      const prefix = documents.length > 1 ? `document ${index + 1}` : '';
      problems.push(...result.problems.map((p) => ({...p, path: [prefix, p.path].filter(Boolean).join(': ') || '(document)'})));
    }
  });
  if (problems.length > 0) throw new ValidationError(problems, source);
  return parsed;
}

function loadDocuments(text: string, source: string | undefined): unknown[] {
  let documents: unknown[];
  try {
    // The core schema keeps timestamps as strings (creationTimestamp) instead of turning them into Dates.
    documents = yaml.loadAll(text, undefined, {schema: yaml.CORE_SCHEMA});
  } catch (error) {
    if (!(error instanceof yaml.YAMLException)) throw error;
    const {line, column} = error.mark;
    throw new ValidationError(
      [{path: `line ${line + 1}, column ${column + 1}`, message: `not valid YAML or JSON: ${error.reason}`}],
      source,
    );
  }
  // Empty documents (a trailing `---`) are skipped; a JSON array holds several documents.
  return documents.flatMap((document) => (Array.isArray(document) ? document : [document])).filter((d) => d != null);
}

function parseDocument(document: unknown): ParsedDocument {
  if (typeof document !== 'object' || document === null) {
    return {problems: [{path: '', message: 'is not an object with apiVersion, kind, metadata and spec'}]};
  }
  const {apiVersion, kind} = document as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  if (apiVersion === undefined) {
    problems.push({path: 'apiVersion', message: 'required field is missing', hint: `add "apiVersion: ${API_VERSION}"`});
  } else if (apiVersion !== API_VERSION) {
    problems.push({
      path: 'apiVersion',
      message: `${JSON.stringify(apiVersion)} is not supported; kopsx reads ${API_VERSION}`,
      hint: `write the manifest in ${API_VERSION}, the version "kops get -o yaml" prints`,
    });
  }
  const schema = typeof kind === 'string' ? SCHEMAS[kind] : undefined;
  if (kind === undefined) {
    problems.push({path: 'kind', message: 'required field is missing', hint: 'add "kind: Cluster" or "kind: InstanceGroup"'});
  } else if (!schema) {
    problems.push({path: 'kind', message: `${JSON.stringify(kind)} is not supported; expected Cluster or InstanceGroup`});
  }
  if (!schema || problems.length > 0) return {problems};

  const result = schema.safeParse(document);
  if (!result.success) return {problems: schemaProblems(schema, result.error.issues)};
  return result.data.kind === 'Cluster' ? {cluster: result.data} : {instanceGroup: result.data};
}
