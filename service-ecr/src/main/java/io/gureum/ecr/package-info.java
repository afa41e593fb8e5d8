/**
 * Amazon Elastic Container Registry: repositories, their policies, lifecycle policies and images (manifests and
 * layers uploaded through the API), the registry's policy and settings, and authorization tokens.
 */
package io.gureum.ecr;
