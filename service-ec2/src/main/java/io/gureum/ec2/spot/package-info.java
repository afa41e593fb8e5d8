/**
 * Spot: a deterministic price history derived from each instance type's size, and Spot Instance requests
 * fulfilled by RunInstances through the EC2 API itself
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-spot-instances.html).
 */
package io.gureum.ec2.spot;
