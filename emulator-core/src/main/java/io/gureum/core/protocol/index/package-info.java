/**
 * The operation index: each service's operations, wire names, HTTP bindings and modeled errors, read
 * from the AWS SDK v2 model metadata at build time so that start-up loads no model class.
 */
package io.gureum.core.protocol.index;
