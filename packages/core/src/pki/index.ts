// Keys, certificates and secrets of a cluster: the keystore in the state store and the X.509 helpers it uses.
export {Secret} from './secret.js';
export {
  CA_VALIDITY_MS,
  createCertificateAuthority,
  describeCertificate,
  issueCertificate,
  kubeadmCaCertHash,
  parseCertificatePem,
  parsePrivateKeyPem,
  type CertificateAuthorityOptions,
  type CertificateInfo,
  type CertificateKeyPair,
  type CertificateUsage,
  type IssueCertificateOptions,
} from './certificates.js';
export {BOOTSTRAP_TOKEN_PATTERN, CERTIFICATE_KEY_PATTERN} from './kubeadm-tokens.js';
export {parseSshPublicKey, type SshPublicKey} from './ssh-public-key.js';
export {
  CLUSTER_KEY_NAMES,
  Keystore,
  type AdminCertificate,
  type AdminCertificateOptions,
  type EnsureResult,
  type Keypair,
  type KeypairInfo,
  type SecretInfo,
  type SshPublicKeyInfo,
} from './keystore.js';
