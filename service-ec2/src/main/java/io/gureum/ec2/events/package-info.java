/** Instance event windows: weekly windows in which scheduled events of their targets may run. */
package io.gureum.ec2.events;
