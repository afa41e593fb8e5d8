/** Gureum's own stored records of EC2 networking resources (not the SDK POJOs); mutated under the store's lock. */
package io.gureum.vpc.model;
