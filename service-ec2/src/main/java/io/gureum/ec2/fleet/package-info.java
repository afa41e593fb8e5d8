/**
 * EC2 Fleet (CreateFleet …, https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-fleet.html) and Spot Fleet
 * (RequestSpotFleet …, https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-fleet.html). Both choose
 * instance pools with {@link io.gureum.ec2.fleet.FleetEngine} and launch through the EC2 API's own
 * RunInstances in-process; their instances are found again with DescribeInstances.
 */
package io.gureum.ec2.fleet;
