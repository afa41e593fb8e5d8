/**
 * VPC networking on the EC2 API: VPCs, subnets, gateways, route tables, Elastic IPs, NAT gateways,
 * security groups, network ACLs, endpoints, network interfaces and prefix lists, per account and
 * region. {@link io.gureum.vpc.Ec2Handler} is the wire side; one class per resource family holds the
 * behaviour; {@link io.gureum.vpc.VpcStore} the state.
 */
package io.gureum.vpc;
