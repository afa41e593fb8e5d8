/**
 * VPC networking on the EC2 API: VPCs, subnets, gateways, route tables, Elastic IPs, NAT gateways,
 * security groups, network ACLs, endpoints, network interfaces and prefix lists, per account and
 * region. Each resource family's class is a provider whose public methods are that family's operations
 * ({@link io.gureum.vpc.VpcService#providerClasses()}); {@link io.gureum.vpc.StoreLock} wraps every call
 * with the caller's {@link io.gureum.vpc.VpcStore} lock. Tags are not kept in the store: each stored
 * resource is registered in core's resource registry, which holds its tags ({@link io.gureum.vpc.Tags}).
 */
package io.gureum.vpc;
