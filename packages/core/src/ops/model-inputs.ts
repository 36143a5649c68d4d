/**
 * The ModelInputs core gives a provider's buildModel: the admin SSH key and the node bootstrap, rendered
 * from the keystore's material. Providers never read secrets themselves.
 */
import {randomUUID} from 'node:crypto';
import {renderUserData, type ClusterCaMaterial, type JoinMaterial} from '../bootstrap/index.js';
import type {ClusterBundle} from '../model/index.js';
import {CLUSTER_KEY_NAMES, Keystore, kubeadmCaCertHash} from '../pki/index.js';
import {isRef, join, type ModelInputs, type PropertyValue, type UserDataRequest} from '../provider/index.js';
import {openStateStore, type StateStore} from '../state/index.js';

/**
 * Stands in for the API host while rendering, when the host is only known at apply time; the rendered text
 * is then split around it into a join(). `.invalid` can never be a real name (RFC 2606).
 */
const ENDPOINT_PLACEHOLDER = 'api-endpoint.kopsx.invalid';

export interface LoadModelInputsOptions {
  /** Create missing secrets in the store (apply); otherwise they are made in memory for a preview. */
  readonly persistSecrets?: boolean;
}

/** Builds the inputs from the cluster's keystore, whose secrets are created once and kept after. */
export async function loadModelInputs(
  store: StateStore,
  bundle: ClusterBundle,
  options: LoadModelInputsOptions = {},
): Promise<ModelInputs> {
  const keystore = await clusterKeystore(store, bundle.cluster.metadata.name, options);
  await keystore.ensureClusterSecrets();
  const names = CLUSTER_KEY_NAMES;
  const [kubernetesCa, etcdCa, frontProxyCa, serviceAccount, token, certificateKey, sshKeys] = await Promise.all([
    keystore.getKeypair(names.kubernetesCa),
    keystore.getKeypair(names.etcdCa),
    keystore.getKeypair(names.frontProxyCa),
    keystore.getKeypair(names.serviceAccount),
    keystore.getSecret(names.bootstrapToken),
    keystore.getSecret(names.certificateKey),
    keystore.listSshPublicKeys(),
  ]);
  const joinMaterial: JoinMaterial = {
    bootstrapToken: token.reveal(),
    caCertHash: kubeadmCaCertHash(kubernetesCa.certPem),
    certificateKey: certificateKey.reveal(),
  };
  const caMaterial: ClusterCaMaterial = {
    kubernetesCa: {certPem: kubernetesCa.certPem, keyPem: kubernetesCa.keyPem.reveal()},
    etcdCa: {certPem: etcdCa.certPem, keyPem: etcdCa.keyPem.reveal()},
    frontProxyCa: {certPem: frontProxyCa.certPem, keyPem: frontProxyCa.keyPem.reveal()},
    serviceAccountKeyPem: serviceAccount.keyPem.reveal(),
  };
  const sshPublicKey = sshKeys[0]?.publicKey;
  return {
    ...(sshPublicKey === undefined ? {} : {sshPublicKey}),
    userData: (request) => renderRequest(bundle, joinMaterial, caMaterial, request),
  };
}

/** The stored keystore, or for a preview of a cluster without secrets yet, a throw-away one in memory. */
async function clusterKeystore(store: StateStore, cluster: string, options: LoadModelInputsOptions): Promise<Keystore> {
  const stored = new Keystore(store, cluster);
  if (options.persistSecrets || (await hasClusterSecrets(stored))) return stored;
  return new Keystore(await openStateStore(`memfs://kopsx-preview-${randomUUID()}`), cluster);
}

async function hasClusterSecrets(keystore: Keystore): Promise<boolean> {
  const [keypairs, secrets] = await Promise.all([keystore.listKeypairs(), keystore.listSecrets()]);
  const present = new Set([...keypairs, ...secrets].map((item) => item.name));
  return Object.values(CLUSTER_KEY_NAMES).every((name) => present.has(name));
}

/** Inputs for building a model only to learn its shape (deletion ordering): no secrets, empty user-data. */
export const SHAPE_ONLY_INPUTS: ModelInputs = {userData: () => ''};

function renderRequest(
  bundle: ClusterBundle,
  joinMaterial: JoinMaterial,
  caMaterial: ClusterCaMaterial,
  request: UserDataRequest,
): PropertyValue {
  const {apiEndpoint, ...cloudOptions} = request;
  const host = isRef(apiEndpoint) ? ENDPOINT_PLACEHOLDER : apiEndpoint;
  const {content} = renderUserData({...cloudOptions, bundle, apiEndpoint: host, join: joinMaterial, caMaterial});
  if (!isRef(apiEndpoint)) return content;
  const pieces = content.split(ENDPOINT_PLACEHOLDER);
  return join(...pieces.flatMap((piece, index) => (index === 0 ? [piece] : [apiEndpoint, piece])));
}
