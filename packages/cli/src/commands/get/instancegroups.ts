import {Args} from '@oclif/core';
import {BaseCommand} from '../../base-command.js';
import {formatDocuments} from '../../output/format-documents.js';
import {requireInstanceGroup} from '../../spec/require-instance-group.js';
import {instanceGroupsTable} from '../../output/resource-tables.js';
import {sharedFlags} from '../../shared-flags.js';

export default class GetInstanceGroups extends BaseCommand<typeof GetInstanceGroups> {
  static override aliases = ['get:ig'];
  static override hiddenAliases = ['get:instancegroup', 'get:igs'];
  static override summary = "List a cluster's instance groups, or show one.";
  static override examples = [
    {description: 'List the instance groups of the cluster in KOPS_CLUSTER_NAME.', command: '<%= config.bin %> get ig'},
    {description: 'One group as YAML.', command: '<%= config.bin %> get ig nodes-us-east-1a --name demo.k8s.local -o yaml'},
  ];

  static override args = {
    instancegroup: Args.string({description: 'Show only this instance group.'}),
  };

  static override flags = {output: sharedFlags.output};

  async run(): Promise<void> {
    const clusterName = this.clusterName();
    const bundle = await (await this.registry()).require(clusterName);
    const wanted = this.args.instancegroup;
    const instanceGroups = wanted ? [requireInstanceGroup(bundle, wanted)] : bundle.instanceGroups;
    if (this.flags.output === 'table') this.log(instanceGroupsTable({...bundle, instanceGroups}));
    else this.log(formatDocuments(instanceGroups, this.flags.output));
  }
}
