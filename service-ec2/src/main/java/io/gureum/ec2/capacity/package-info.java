/**
 * On-Demand Capacity Reservations, the basics
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-capacity-reservations.html): an instance type
 * from the catalogue in one Availability Zone, a count, an end date, and states that follow the clock; the
 * instances that use them (through the instances' {@code InstanceUsage} hook and DescribeInstances in-process);
 * Capacity Reservation Fleets; and EC2 Capacity Manager, whose metrics are computed from the instances' usage
 * history and the reservations' sizes over time, and whose data exports go to S3 in-process.
 */
package io.gureum.ec2.capacity;
