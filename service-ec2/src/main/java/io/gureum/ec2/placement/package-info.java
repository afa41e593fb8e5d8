/**
 * Placement groups (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-groups.html): cluster,
 * spread (rack or host) and partition (1 to 7 partitions per Availability Zone) groups, named per account
 * and region.
 */
package io.gureum.ec2.placement;
