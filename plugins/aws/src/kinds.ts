/**
 * The resource kinds of the AWS provider: the words that appear in plans (`subnet/us-east-1a.c.example.com`)
 * and tie a desired resource to its handler and its Terraform type.
 */
export const Kind = {
  vpc: 'vpc',
  internetGateway: 'internet-gateway',
  subnet: 'subnet',
  routeTable: 'route-table',
  route: 'route',
  routeTableAssociation: 'route-table-association',
  elasticIp: 'elastic-ip',
  natGateway: 'nat-gateway',
  securityGroup: 'security-group',
  securityGroupRule: 'security-group-rule',
  iamRole: 'iam-role',
  iamRolePolicy: 'iam-role-policy',
  iamInstanceProfile: 'iam-instance-profile',
  keyPair: 'key-pair',
  image: 'image',
  launchTemplate: 'launch-template',
  autoscalingGroup: 'autoscaling-group',
  ebsVolume: 'ebs-volume',
  loadBalancer: 'load-balancer',
  targetGroup: 'target-group',
  listener: 'listener',
  route53Zone: 'route53-zone',
  route53Record: 'route53-record',
} as const;
