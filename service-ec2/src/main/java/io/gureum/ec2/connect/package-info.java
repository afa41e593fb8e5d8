/** EC2 Instance Connect Endpoints: an endpoint and its network interface in a subnet, reached through the EC2 API in-process. */
package io.gureum.ec2.connect;
