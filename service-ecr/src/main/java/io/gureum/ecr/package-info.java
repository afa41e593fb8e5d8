/**
 * Amazon Elastic Container Registry: repositories, their policies, lifecycle policies and images (manifests and
 * layers uploaded through the API or pushed with a Docker/OCI client through the registry API under {@code /v2/}),
 * the registry's policy and settings, and authorization tokens. Also Amazon ECR Public ({@link
 * io.gureum.ecr.EcrPublicService}, classes {@code Public*}): public registries with the same repositories, images
 * and layers, apart from the private ones.
 */
package io.gureum.ecr;
