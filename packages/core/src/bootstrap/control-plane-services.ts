/**
 * Two small systemd timers every control plane runs, written by cloud-init and started once the machine is
 * part of the cluster. Any control plane can do their work, so losing one loses nothing.
 */
import {lines, type HostFile} from './host-files.js';
import {CONTROL_PLANE_ONLY_LABELS} from './node-labels.js';

/** The annotation in which a worker asks for the labels its kubelet may not set (see node-labels.ts). */
export const NODE_LABEL_CLAIMS_ANNOTATION = 'kopsx.io/node-labels';
export const UPLOAD_CERTS_CONFIG = '/etc/kopsx/kubeadm-upload-certs.yaml';
export const CONTROL_PLANE_TIMERS = ['kopsx-node-labeler.timer', 'kopsx-upload-certs.timer'] as const;

const LABELER = '/usr/local/sbin/kopsx-node-labeler';

export function controlPlaneServiceFiles(): HostFile[] {
  return [
    {path: LABELER, content: labelerScript(), permissions: '0755'},
    ...timer({
      name: 'kopsx-node-labeler',
      description: 'kopsx: give worker nodes the labels their kubelet may not set',
      command: LABELER,
      every: '1min',
    }),
    ...timer({
      name: 'kopsx-upload-certs',
      description: 'kopsx: keep the encrypted control-plane certificates in the cluster for joining control planes',
      command: `/usr/bin/kubeadm init phase upload-certs --upload-certs --config ${UPLOAD_CERTS_CONFIG}`,
      every: '1h',
    }),
  ];
}

/**
 * Copies each worker's claimed labels onto it, except the ones that would make it a control plane: a worker can
 * claim the labels of any worker group (as it could lie about its kubelet-set labels), never control-plane ones.
 * Labels are added and updated, never removed.
 */
function labelerScript(): string {
  const refused = CONTROL_PLANE_ONLY_LABELS.join(' | ');
  const claims = `{.metadata.annotations.${NODE_LABEL_CLAIMS_ANNOTATION.replaceAll('.', '\\.')}}`;
  return lines([
    '#!/bin/bash',
    `# Run every minute by kopsx-node-labeler.timer. Workers ask for labels in their ${NODE_LABEL_CLAIMS_ANNOTATION} annotation.`,
    'set -o nounset -o pipefail',
    'export KUBECONFIG=/etc/kubernetes/admin.conf',
    `template='{range .items[*]}{.metadata.name}{"\\t"}${claims}{"\\n"}{end}'`,
    `kubectl get nodes --selector '!node-role.kubernetes.io/control-plane' --output "jsonpath=$template" |`,
    '  while IFS=$\'\\t\' read -r node claims; do',
    '    labels=()',
    '    IFS=, read -r -a pairs <<<"$claims"',
    '    for pair in "${pairs[@]}"; do',
    '      case "${pair%%=*}" in',
    `        ${refused}) echo "kopsx: refusing $pair for node $node: control planes only" >&2 ;;`,
    '        *) labels+=("$pair") ;;',
    '      esac',
    '    done',
    '    if [ "${#labels[@]}" -gt 0 ]; then',
    '      kubectl label node "$node" --overwrite "${labels[@]}" >/dev/null || echo "kopsx: could not label node $node" >&2',
    '    fi',
    '  done',
  ]);
}

function timer(unit: {name: string; description: string; command: string; every: string}): HostFile[] {
  const service = lines([
    '[Unit]',
    `Description=${unit.description}`,
    'After=kubelet.service',
    '',
    '[Service]',
    'Type=oneshot',
    `ExecStart=${unit.command}`,
  ]);
  const timerUnit = lines([
    '[Unit]',
    `Description=${unit.description} (every ${unit.every})`,
    '',
    '[Timer]',
    `OnActiveSec=${unit.every}`,
    `OnUnitActiveSec=${unit.every}`,
    '',
    '[Install]',
    'WantedBy=timers.target',
  ]);
  return [
    {path: `/etc/systemd/system/${unit.name}.service`, content: service, permissions: '0644'},
    {path: `/etc/systemd/system/${unit.name}.timer`, content: timerUnit, permissions: '0644'},
  ];
}
