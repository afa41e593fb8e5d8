package io.gureum.organizations;

/** An organizational unit. */
final class OrgUnit {
    final String id;
    final String arn;
    String name;

    OrgUnit(String id, String arn, String name) {
        this.id = id;
        this.arn = arn;
        this.name = name;
    }
}
