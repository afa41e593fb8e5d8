/**
 * Amazon Elastic Container Registry: repositories, their policies, lifecycle policies and images (manifests and
 * layers uploaded through the API or pushed with a Docker/OCI client through the registry API under {@code /v2/}),
 * the registry's policy and settings, and authorization tokens.
 */
package io.gureum.ecr;
