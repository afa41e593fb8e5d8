/**
 * The Reachability Analyzer engine (https://docs.aws.amazon.com/vpc/latest/reachability/): walks a packet
 * header from a source through security groups, network ACLs, route tables and gateways to a destination
 * and back, and explains with AWS's explanation codes where it stops. It reads the networking stores only
 * ({@link io.gureum.vpc.reachability.NetworkState}: the path owner's account and the analysis'
 * AdditionalAccounts in one Region); the providers that expose it as EC2 operations live in {@code io.gureum.vpc}.
 */
package io.gureum.vpc.reachability;
