/**
 * What the compute families (instances, images, EBS) share: the state of one account and region
 * ({@link io.gureum.ec2.compute.ComputeStore}), the region-wide image and snapshot records other
 * accounts may be granted, the store lock, and the in-process EC2 client through which compute reaches
 * the networking share of the API ({@code service-vpc}).
 */
package io.gureum.ec2.compute;
