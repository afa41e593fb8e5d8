/** Resource handlers of EventBridge (rules and their targets), through the in-process {@code EventBridgeClient}. */
package io.gureum.cloudformation.resource.events;
