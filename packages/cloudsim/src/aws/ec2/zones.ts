import {applyFilters, readFilters} from '../wire/filters.js';
import type {QueryHandlers} from '../query-service.js';
import {items} from '../wire/xml-writer.js';

export interface AvailabilityZone {
  readonly region: string;
  readonly name: string;
  readonly id: string;
}

/** The regions the simulated account can use, with their zone letters and zone-ID prefix. */
const REGIONS: ReadonlyArray<readonly [region: string, letters: string, idPrefix: string]> = [
  ['us-east-1', 'abcdef', 'use1'],
  ['us-west-2', 'abcd', 'usw2'],
  ['eu-west-1', 'abc', 'euw1'],
];

export const AVAILABILITY_ZONES: readonly AvailabilityZone[] = REGIONS.flatMap(([region, letters, idPrefix]) =>
  [...letters].map((letter, index) => ({region, name: `${region}${letter}`, id: `${idPrefix}-az${index + 1}`})),
);

export const REGION_NAMES: readonly string[] = REGIONS.map(([region]) => region);

export function zonesOf(region: string): AvailabilityZone[] {
  return AVAILABILITY_ZONES.filter((zone) => zone.region === region);
}

export const zoneHandlers: QueryHandlers = {
  DescribeAvailabilityZones({input, region}) {
    const names = input.strings('ZoneName');
    const ids = input.strings('ZoneId');
    const zones = zonesOf(region).filter(
      (zone) => (names.length === 0 || names.includes(zone.name)) && (ids.length === 0 || ids.includes(zone.id)),
    );
    const matching = applyFilters(zones, readFilters(input, 'Filter', 'Value'), {
      fields: {
        'zone-name': (zone) => zone.name,
        'zone-id': (zone) => zone.id,
        'region-name': (zone) => zone.region,
        state: () => 'available',
        'zone-type': () => 'availability-zone',
      },
      tags: () => new Map(),
    });
    return {
      availabilityZoneInfo: items(matching.map((zone) => ({
        zoneName: zone.name,
        zoneId: zone.id,
        zoneState: 'available',
        regionName: zone.region,
        groupName: zone.region,
        networkBorderGroup: zone.region,
        optInStatus: 'opt-in-not-required',
        zoneType: 'availability-zone',
        messageSet: items([]),
      }))),
    };
  },

  DescribeRegions({input}) {
    const names = input.strings('RegionName');
    const regions = REGION_NAMES.filter((name) => names.length === 0 || names.includes(name));
    const matching = applyFilters(regions, readFilters(input, 'Filter', 'Value'), {
      fields: {'region-name': (name) => name, endpoint: (name) => `ec2.${name}.amazonaws.com`},
      tags: () => new Map(),
    });
    return {
      regionInfo: items(matching.map((name) => ({
        regionName: name,
        regionEndpoint: `ec2.${name}.amazonaws.com`,
        optInStatus: 'opt-in-not-required',
      }))),
    };
  },
};
