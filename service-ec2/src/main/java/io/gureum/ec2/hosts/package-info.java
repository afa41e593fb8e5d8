/**
 * Dedicated Hosts (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/dedicated-hosts-overview.html):
 * AllocateHosts, DescribeHosts, ModifyHosts and ReleaseHosts. The instances on a host are the EC2 API's own
 * (DescribeInstances' {@code host-id} filter, in-process); RunInstances asks DescribeHosts where it may place
 * an instance of tenancy {@code host}.
 */
package io.gureum.ec2.hosts;
