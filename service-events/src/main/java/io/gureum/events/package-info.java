/**
 * Amazon EventBridge (the {@code events} API of 2015-10-07): event buses and their policies, rules and
 * targets, PutEvents, archives and replays, scheduled rules on Gureum's clock, and the events other
 * services publish on core's event bus. Patterns, schedules and delivery live in sub-packages.
 */
package io.gureum.events;
