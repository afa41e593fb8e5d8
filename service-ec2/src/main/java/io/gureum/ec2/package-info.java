/**
 * EC2 compute on the EC2 API (the networking share is {@code service-vpc}): instance types and their
 * offerings today, instances later. {@link io.gureum.ec2.Ec2ComputeService} registers the providers.
 */
package io.gureum.ec2;
