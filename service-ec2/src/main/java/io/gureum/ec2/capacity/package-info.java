/**
 * On-Demand Capacity Reservations, the basics
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-capacity-reservations.html): an instance type
 * from the catalogue in one Availability Zone, a count, an end date, and states that follow the clock.
 */
package io.gureum.ec2.capacity;
