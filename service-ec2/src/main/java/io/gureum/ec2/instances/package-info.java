/**
 * Instances: RunInstances and the state machine on the core clock, DescribeInstances and its filters,
 * status, attributes, console output and password data. An instance's network lives in service-vpc,
 * reached through the EC2 API in-process: its primary network interface is created and attached there.
 */
package io.gureum.ec2.instances;
