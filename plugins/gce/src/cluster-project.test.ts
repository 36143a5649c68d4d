import {buildCluster} from '@kopsx/core';
import {describe, expect, it} from 'vitest';
import {ProjectNotSetError, projectOf} from './cluster-project.js';

const cluster = buildCluster({name: 'p.example.com', cloud: 'gce', zones: ['us-central1-a']});

describe('projectOf', () => {
  it('takes spec.project first, then GOOGLE_CLOUD_PROJECT, then CLOUDSDK_CORE_PROJECT', () => {
    const withProject = {...cluster, cluster: {...cluster.cluster, spec: {...cluster.cluster.spec, project: 'from-spec'}}};
    expect(projectOf(withProject, {GOOGLE_CLOUD_PROJECT: 'from-env'})).toBe('from-spec');
    expect(projectOf(cluster, {GOOGLE_CLOUD_PROJECT: 'google-env', CLOUDSDK_CORE_PROJECT: 'gcloud-env'})).toBe('google-env');
    expect(projectOf(cluster, {CLOUDSDK_CORE_PROJECT: 'gcloud-env'})).toBe('gcloud-env');
  });

  it('says how to set a project when there is none, or when it cannot be a project ID', () => {
    expect(() => projectOf(cluster, {})).toThrow(ProjectNotSetError);
    expect(() => projectOf(cluster, {})).toThrow('cluster p.example.com names no Google Cloud project');
    expect(() => projectOf(cluster, {GOOGLE_CLOUD_PROJECT: 'My Project'})).toThrow('"My Project" is not a Google Cloud project ID');
    const error = (() => {
      try {
        return projectOf(cluster, {});
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toMatchObject({code: 'ProjectNotSet', hint: expect.stringContaining('GOOGLE_CLOUD_PROJECT')});
  });
});
