package io.gureum.ecr;

import java.util.List;

/**
 * An ECR Public repository's catalog data as put (RepositoryCatalogDataInput): the texts, the architecture and
 * operating system badges (any strings: unsupported ones are kept, as the API reference says), and the logo's bytes,
 * which GetRepositoryCatalogData answers as a {@code logoUrl} on this server ({@link PublicLogos}).
 */
record PublicCatalog(String description, List<String> architectures, List<String> operatingSystems, byte[] logo,
        String aboutText, String usageText) {
}
