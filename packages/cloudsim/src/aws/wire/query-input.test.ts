import {describe, expect, it} from 'vitest';
import {QueryInput} from './query-input.js';

describe('QueryInput', () => {
  it('reads EC2-style flattened lists in numeric order, not text order', () => {
    const input = QueryInput.parse(
      'Action=DescribeVpcs&VpcId.10=vpc-j&VpcId.2=vpc-b&VpcId.1=vpc-a&Filter.1.Name=tag%3AName&Filter.1.Value.1=a%20b',
    );
    expect(input.action).toBe('DescribeVpcs');
    expect(input.strings('VpcId')).toEqual(['vpc-a', 'vpc-b', 'vpc-j']);
    const [filter] = input.list('Filter');
    expect(filter?.string('Name')).toBe('tag:Name');
    expect(filter?.strings('Value')).toEqual(['a b']);
  });

  it('reads member-wrapped lists and nested structures', () => {
    const input = QueryInput.parse('Tags.member.1.Key=k&Tags.member.1.Value=v&LaunchTemplate.Version=%24Latest');
    expect(input.list('Tags.member').map((tag) => [tag.string('Key'), tag.string('Value')])).toEqual([['k', 'v']]);
    expect(input.node('LaunchTemplate')?.string('Version')).toBe('$Latest');
  });

  it('turns missing or malformed parameters into AWS errors', () => {
    const input = QueryInput.parse('MinCount=x&DryRun=yes');
    expect(() => input.requireString('ImageId')).toThrow(expect.objectContaining({code: 'MissingParameter'}));
    expect(() => input.integer('MinCount')).toThrow(expect.objectContaining({code: 'InvalidParameterValue'}));
    expect(() => input.boolean('DryRun')).toThrow(expect.objectContaining({code: 'InvalidParameterValue'}));
    expect(input.integer('MaxCount')).toBeUndefined();
  });
});
