/**
 * The Resource Groups Tagging API: lists and tags resources of every served service. Listing reads
 * core's {@link io.gureum.core.state.ResourceRegistry}, the one record of every resource and its tags;
 * tagging calls each owning service's own tag operation through in-process clients, as AWS's tagging
 * API does, so each service applies its own tag rules and errors.
 */
package io.gureum.tagging;
