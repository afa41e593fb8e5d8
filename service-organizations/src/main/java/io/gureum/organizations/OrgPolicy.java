package io.gureum.organizations;

/** A policy: a customer managed one of an organization, or one of {@link AwsManagedPolicies}. */
final class OrgPolicy {
    final String id;
    final String arn;
    final String type;
    final boolean awsManaged;
    String name;
    String description;
    String content;

    OrgPolicy(String id, String arn, String type, boolean awsManaged, String name, String description,
            String content) {
        this.id = id;
        this.arn = arn;
        this.type = type;
        this.awsManaged = awsManaged;
        this.name = name;
        this.description = description;
        this.content = content;
    }
}
