/**
 * Instance user-data. Until node bootstrap exists (its own issue), every instance gets a minimal cloud-config
 * that records which cluster and instance group it belongs to: valid, inspectable, and replaced later.
 */
export function placeholderUserData(clusterName: string, instanceGroup: string): string {
  return [
    '#cloud-config',
    '# kopsx: node bootstrap is not implemented yet; this only records where the instance belongs.',
    'write_files:',
    '  - path: /etc/kopsx/instance.env',
    "    permissions: '0644'",
    '    content: |',
    `      KOPSX_CLUSTER_NAME=${clusterName}`,
    `      KOPSX_INSTANCE_GROUP=${instanceGroup}`,
    '',
  ].join('\n');
}

/** Where Terraform output keeps a launch template's user-data, relative to the output directory. */
export function userDataPath(launchTemplateName: string): string {
  return `data/aws_launch_template_${launchTemplateName}_user_data`;
}
