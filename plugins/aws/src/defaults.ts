/** What an AWS cluster gets when its spec leaves machine types and images empty. */
import type {CloudDefaults} from '@kopsx/core';

export const AWS_DEFAULTS: CloudDefaults = {
  controlPlaneMachineType: 't3.medium',
  nodeMachineType: 't3.medium',
  bastionMachineType: 't3.micro',
  // Canonical's account and the name pattern of its Ubuntu 24.04 (noble) amd64 server images: the newest wins.
  image: '099720109477/ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*',
};
