/**
 * AWS Certificate Manager: imported certificates (parsed and checked with the JDK), certificates requested
 * from Amazon that wait for a domain validation Gureum cannot see and time out on its clock, tags, the
 * account configuration, and the in-use marks other services set through core's event bus.
 */
package io.gureum.acm;
