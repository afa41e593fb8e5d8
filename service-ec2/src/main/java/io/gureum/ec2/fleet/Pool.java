package io.gureum.ec2.fleet;

import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * One instance pool of a fleet: a launch template (or, for a Spot Fleet, a launch specification as a
 * RunInstances request) with its overrides, resolved to the instance type and zone it launches in.
 *
 * @param index    the pool's position over all configurations and their overrides
 * @param config   the launch template configuration (or specification) it comes from
 * @param override the override's position in that configuration, or -1
 * @param spec     a Spot Fleet launch specification, else null
 * @param zone     the zone it launches in (override, subnet's zone, template's, or the region's first)
 */
record Pool(int index, int config, int override, String templateId, String templateName, String version,
        RunInstancesRequest spec, String instanceType, String subnetId, String zoneOverride, String imageId,
        double weight, Double priority, String maxPrice, String zone) {
}
