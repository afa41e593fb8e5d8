/**
 * The simulated AWS geography: partitions, every region with its real Availability Zone names and
 * zone IDs, and the mutable per-zone state (available / impaired) used to simulate outages.
 *
 * <p>The data lives in {@code regions.json} next to these classes (regions and descriptions from
 * botocore's {@code endpoints.json}). In the oldest regions AWS maps zone names to zone IDs
 * differently per account ({@code us-east-1a} is not the same place for everyone); Gureum uses one
 * fixed mapping for every account: the n-th zone letter gets {@code -az<n>}, except where a region's
 * real zone letters or IDs have gaps (us-west-1: a, c; ap-northeast-1: a, c, d → apne1-az4, az1,
 * az2; ca-central-1 and cn-north-1: a, b, d → az1, az2, az4). See
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html
 */
package io.gureum.core.topology;
