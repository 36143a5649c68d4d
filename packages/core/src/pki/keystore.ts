/**
 * A cluster's keys and secrets, kept in the state store where kOps keeps them:
 *
 *   <cluster>/pki/private/<name>/keyset.yaml   certificate and private key (secret)
 *   <cluster>/pki/issued/<name>/keyset.yaml    the certificate alone, so listing never reads private keys
 *   <cluster>/secrets/<name>                   tokens (secret)
 *   <cluster>/pki/ssh/public/admin/<id>        SSH public keys; the id is the MD5 fingerprint without colons
 *
 * Cluster keys are generated once and never replaced by accident: every generated object is written with an
 * exclusive create, so when two commands race, the store picks one and both go on with what it kept.
 */
import {KopsxError, NotFoundError, StateStoreError} from '../errors.js';
import {assertKeySegment} from '../state/state-key.js';
import type {StateStore} from '../state/state-store.js';
import {
  createCertificateAuthority,
  describeCertificate,
  issueCertificate,
  type CertificateKeyPair,
} from './certificates.js';
import {
  decodeKeyset,
  decodeSecret,
  encodeKeyset,
  encodeSecret,
  keystoreObjectDamaged,
  type KeysetItem,
} from './keystore-documents.js';
import {generateBootstrapToken, generateCertificateKey} from './kubeadm-tokens.js';
import {Secret} from './secret.js';
import {parseSshPublicKey} from './ssh-public-key.js';

/** The names under which `ensureClusterSecrets` stores what a kubeadm cluster needs. */
export const CLUSTER_KEY_NAMES = {
  kubernetesCa: 'kubernetes-ca',
  etcdCa: 'etcd-ca',
  frontProxyCa: 'front-proxy-ca',
  /** Signs and verifies service-account tokens (kube-apiserver's sa.key / sa.pub). */
  serviceAccount: 'service-account',
  /** `<6>.<16>` token nodes join with. */
  bootstrapToken: 'kubeadm-bootstrap-token',
  /** 64 hex digits, for `kubeadm init --upload-certs` and control-plane joins. */
  certificateKey: 'kubeadm-certificate-key',
} as const;

/** The Kubernetes group whose members are cluster administrators. */
const ADMIN_GROUP = 'system:masters';
const DEFAULT_ADMIN_USER = 'kopsx-admin';

export interface EnsureResult {
  /** Names of the keypairs and secrets this call generated. */
  readonly created: readonly string[];
  /** Names that already existed (perhaps written a moment ago by a concurrent call) and were kept. */
  readonly kept: readonly string[];
}

export interface Keypair extends CertificateKeyPair {
  readonly name: string;
  /** The certificate's serial number in decimal, as kOps shows it. */
  readonly id: string;
}

/** A keypair as `get keypairs` shows it: no private material. */
export interface KeypairInfo {
  readonly name: string;
  readonly type: 'Keypair';
  readonly id: string;
  readonly subject: string;
  readonly fingerprint: string;
  readonly isCa: boolean;
  /** ISO 8601. */
  readonly notBefore: string;
  /** ISO 8601. */
  readonly notAfter: string;
}

export interface SecretInfo {
  readonly name: string;
  readonly type: 'Secret';
}

export interface SshPublicKeyInfo {
  /** MD5 fingerprint without colons: the object's name, and what `deleteSshPublicKey` takes. */
  readonly id: string;
  readonly type: 'SSHPublicKey';
  readonly keyType: string;
  readonly fingerprintMd5: string;
  readonly fingerprintSha256: string;
  readonly comment?: string;
  /** The authorized_keys line (public: safe to show). */
  readonly publicKey: string;
}

export interface AdminCertificateOptions {
  readonly validityMs: number;
  /** The certificate's CN, i.e. the Kubernetes user name. Defaults to `kopsx-admin`. */
  readonly user?: string;
}

export interface AdminCertificate extends CertificateKeyPair {
  readonly user: string;
  /** ISO 8601. */
  readonly notAfter: string;
}

export class Keystore {
  constructor(
    private readonly store: StateStore,
    private readonly cluster: string,
  ) {
    assertKeySegment(cluster, 'cluster name');
  }

  /**
   * Generates whatever of CLUSTER_KEY_NAMES is missing and keeps what exists. Safe to call on every
   * `create`/`update`, and from two processes at once.
   */
  async ensureClusterSecrets(): Promise<EnsureResult> {
    const {kubernetesCa, etcdCa, frontProxyCa, serviceAccount, bootstrapToken, certificateKey} = CLUSTER_KEY_NAMES;
    // The service-account key gets a self-signed certificate too, as in kOps, so that every keypair is listed,
    // identified and fingerprinted the same way.
    const keypairs = [kubernetesCa, etcdCa, frontProxyCa, serviceAccount].map(async (name) => ({
      name,
      created: await this.ensureKeypair(name, () => createCertificateAuthority({commonName: name})),
    }));
    const secrets = (
      [
        [bootstrapToken, generateBootstrapToken],
        [certificateKey, generateCertificateKey],
      ] as const
    ).map(async ([name, generate]) => ({name, created: await this.ensureSecret(name, generate)}));
    const outcomes = await Promise.all([...keypairs, ...secrets]);
    return {
      created: outcomes.filter((o) => o.created).map((o) => o.name),
      kept: outcomes.filter((o) => !o.created).map((o) => o.name),
    };
  }

  async getKeypair(name: string): Promise<Keypair> {
    const key = this.privateKeysetKey(name);
    const data = await this.store.read(key);
    if (!data) throw this.notFound('keypair', name, 'list them with "kopsx get keypairs"');
    const {id, certPem, keyPem} = decodeKeyset(data, key);
    if (!keyPem) throw keystoreObjectDamaged(key, 'the private key is missing');
    return {name, id, certPem, keyPem};
  }

  /** Every keypair, by name, without reading a private key where a certificate-only copy exists. */
  async listKeypairs(): Promise<KeypairInfo[]> {
    const issued = await this.keysetNames('issued');
    // kOps stores keep only the private keyset; list those too, reading nothing but the certificate.
    const privateOnly = (await this.keysetNames('private')).filter((name) => !issued.includes(name));
    const found = await Promise.all([
      ...issued.map((name) => this.readKeypairInfo(name, this.issuedKeysetKey(name))),
      ...privateOnly.map((name) => this.readKeypairInfo(name, this.privateKeysetKey(name))),
    ]);
    return found.flatMap((info) => (info ? [info] : [])).sort((a, b) => a.name.localeCompare(b.name));
  }

  async deleteKeypair(name: string): Promise<void> {
    const privateKey = this.privateKeysetKey(name);
    const issuedKey = this.issuedKeysetKey(name);
    if (!(await this.store.read(privateKey)) && !(await this.store.read(issuedKey))) {
      throw this.notFound('keypair', name, 'list them with "kopsx get keypairs"');
    }
    // The listing copy goes first: an interrupted delete then leaves a private keyset without a copy, which
    // the next ensureClusterSecrets repairs, never a copy describing a key that is gone.
    await this.store.delete(issuedKey);
    await this.store.delete(privateKey);
  }

  async listSecrets(): Promise<SecretInfo[]> {
    const prefix = `${this.cluster}/secrets/`;
    const keys = await this.store.list(prefix);
    return keys
      .map((key) => key.slice(prefix.length))
      .filter((name) => !name.includes('/'))
      .map((name) => ({name, type: 'Secret' as const}));
  }

  async getSecret(name: string): Promise<Secret> {
    const key = this.secretKey(name);
    const data = await this.store.read(key);
    if (!data) throw this.notFound('secret', name, 'list them with "kopsx get secrets"');
    return decodeSecret(data, key);
  }

  async deleteSecret(name: string): Promise<void> {
    const key = this.secretKey(name);
    if (!(await this.store.read(key))) throw this.notFound('secret', name, 'list them with "kopsx get secrets"');
    await this.store.delete(key);
  }

  /** Stores an OpenSSH public key (validated); adding the same key again is harmless. */
  async addSshPublicKey(material: string): Promise<SshPublicKeyInfo> {
    const info = sshKeyInfo(material);
    await this.store.write(this.sshKeyKey(info.id), `${info.publicKey}\n`);
    return info;
  }

  async listSshPublicKeys(): Promise<SshPublicKeyInfo[]> {
    const keys = await this.store.list(this.sshKeyKey(''));
    const found = await Promise.all(
      keys.map(async (key) => {
        const data = await this.store.read(key);
        if (!data) return []; // deleted since we listed it
        try {
          return [sshKeyInfo(data.toString('utf8'))];
        } catch (err) {
          throw err instanceof KopsxError ? keystoreObjectDamaged(key, err.message) : err;
        }
      }),
    );
    return found.flat();
  }

  /** `id` as listed, or the MD5 fingerprint with colons (and an optional `MD5:` prefix). */
  async deleteSshPublicKey(id: string): Promise<void> {
    const normalised = id.replace(/^MD5:/i, '').replaceAll(':', '').toLowerCase();
    if (!/^[0-9a-f]{32}$/.test(normalised)) {
      throw new KopsxError(
        `"${id}" is not an SSH public key id`,
        'InvalidSshPublicKeyId',
        'give the id or MD5 fingerprint shown by "kopsx get sshpublickeys"',
      );
    }
    const key = this.sshKeyKey(normalised);
    if (!(await this.store.read(key))) {
      throw this.notFound('SSH public key', id, 'list them with "kopsx get sshpublickeys"');
    }
    await this.store.delete(key);
  }

  /**
   * A fresh client certificate for a cluster administrator (group system:masters), signed by the cluster's
   * CA. Nothing is stored: the key exists only in the returned object and wherever the caller writes it.
   */
  async issueAdminCertificate(options: AdminCertificateOptions): Promise<AdminCertificate> {
    const user = options.user ?? DEFAULT_ADMIN_USER;
    const ca = await this.getKeypair(CLUSTER_KEY_NAMES.kubernetesCa).catch((err: unknown) => {
      if (!(err instanceof NotFoundError)) throw err;
      throw new NotFoundError(
        `cluster "${this.cluster}" has no certificate authority in ${this.store.url}`,
        `its keys are generated when the cluster is created; check the cluster name and --state`,
      );
    });
    const pair = await issueCertificate({
      ca,
      commonName: user,
      organizations: [ADMIN_GROUP],
      usages: ['client'],
      validityMs: options.validityMs,
    });
    return {...pair, user, notAfter: describeCertificate(pair.certPem).notAfter};
  }

  /** Returns true when this call created the keypair, false when one existed (or a concurrent call won). */
  private async ensureKeypair(name: string, generate: () => Promise<CertificateKeyPair>): Promise<boolean> {
    const key = this.privateKeysetKey(name);
    let data = await this.store.read(key);
    let created = false;
    if (!data) {
      const pair = await generate();
      const item = {id: describeCertificate(pair.certPem).serial, ...pair};
      created = await this.store.createIfAbsent(key, encodeKeyset(name, item), {secret: true});
      // Whoever won the race, go on with what the store kept.
      data = await this.store.read(key);
      if (!data) {
        throw new StateStoreError(
          `${key} disappeared right after it was written`,
          'check that nothing else is deleting keys',
        );
      }
    }
    await this.syncIssuedCopy(name, decodeKeyset(data, key));
    return created;
  }

  /** Makes `pki/issued/<name>` hold the certificate of the private keyset, writing only when it differs. */
  private async syncIssuedCopy(name: string, item: KeysetItem): Promise<void> {
    const key = this.issuedKeysetKey(name);
    const existing = await this.store.read(key);
    if (existing && decodeKeyset(existing, key).certPem === item.certPem) return;
    await this.store.write(key, encodeKeyset(name, {id: item.id, certPem: item.certPem}));
  }

  private async ensureSecret(name: string, generate: () => string): Promise<boolean> {
    const key = this.secretKey(name);
    if (await this.store.read(key)) return false;
    return this.store.createIfAbsent(key, encodeSecret(new Secret(generate())), {secret: true});
  }

  private async readKeypairInfo(name: string, key: string): Promise<KeypairInfo | undefined> {
    const data = await this.store.read(key);
    if (!data) return undefined; // deleted since we listed it
    const {id, certPem} = decodeKeyset(data, key);
    const {subject, fingerprint, isCa, notBefore, notAfter} = describeCertificate(certPem);
    return {name, type: 'Keypair', id, subject, fingerprint, isCa, notBefore, notAfter};
  }

  private async keysetNames(folder: 'issued' | 'private'): Promise<string[]> {
    const prefix = `${this.cluster}/pki/${folder}/`;
    const keys = await this.store.list(prefix);
    return keys.flatMap((key) => /^([^/]+)\/keyset\.yaml$/.exec(key.slice(prefix.length))?.[1] ?? []);
  }

  private privateKeysetKey(name: string): string {
    assertKeySegment(name, 'keypair name');
    return `${this.cluster}/pki/private/${name}/keyset.yaml`;
  }

  private issuedKeysetKey(name: string): string {
    assertKeySegment(name, 'keypair name');
    return `${this.cluster}/pki/issued/${name}/keyset.yaml`;
  }

  private secretKey(name: string): string {
    assertKeySegment(name, 'secret name');
    return `${this.cluster}/secrets/${name}`;
  }

  /** The key of an SSH public key; `sshKeyKey('')` is the folder's listing prefix. */
  private sshKeyKey(id: string): string {
    return `${this.cluster}/pki/ssh/public/admin/${id}`;
  }

  private notFound(what: string, name: string, hint: string): NotFoundError {
    return new NotFoundError(`${what} "${name}" not found in cluster "${this.cluster}"`, hint);
  }
}

function sshKeyInfo(material: string): SshPublicKeyInfo {
  const key = parseSshPublicKey(material);
  return {
    id: key.fingerprintMd5.replaceAll(':', ''),
    type: 'SSHPublicKey',
    keyType: key.keyType,
    fingerprintMd5: key.fingerprintMd5,
    fingerprintSha256: key.fingerprintSha256,
    ...(key.comment === undefined ? {} : {comment: key.comment}),
    publicKey: key.line,
  };
}
