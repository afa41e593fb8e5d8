package io.gureum.organizations;

import java.util.List;
import software.amazon.awssdk.services.organizations.model.Child;
import software.amazon.awssdk.services.organizations.model.ChildNotFoundException;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationExceptionReason;
import software.amazon.awssdk.services.organizations.model.CreateOrganizationalUnitRequest;
import software.amazon.awssdk.services.organizations.model.CreateOrganizationalUnitResponse;
import software.amazon.awssdk.services.organizations.model.DeleteOrganizationalUnitRequest;
import software.amazon.awssdk.services.organizations.model.DeleteOrganizationalUnitResponse;
import software.amazon.awssdk.services.organizations.model.DescribeOrganizationalUnitRequest;
import software.amazon.awssdk.services.organizations.model.DescribeOrganizationalUnitResponse;
import software.amazon.awssdk.services.organizations.model.DuplicateOrganizationalUnitException;
import software.amazon.awssdk.services.organizations.model.ListChildrenRequest;
import software.amazon.awssdk.services.organizations.model.ListChildrenResponse;
import software.amazon.awssdk.services.organizations.model.ListOrganizationalUnitsForParentRequest;
import software.amazon.awssdk.services.organizations.model.ListOrganizationalUnitsForParentResponse;
import software.amazon.awssdk.services.organizations.model.ListParentsRequest;
import software.amazon.awssdk.services.organizations.model.ListParentsResponse;
import software.amazon.awssdk.services.organizations.model.ListRootsRequest;
import software.amazon.awssdk.services.organizations.model.ListRootsResponse;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnitNotEmptyException;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnitNotFoundException;
import software.amazon.awssdk.services.organizations.model.Parent;
import software.amazon.awssdk.services.organizations.model.ParentNotFoundException;

/** The tree: roots, OUs, their parents and children. */
public final class OrganizationalUnits {
    /**
     * "You can nest OUs up to five levels deep" under the root
     * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html).
     */
    static final int MAX_DEPTH = 5;
    static final String OU_NOT_FOUND =
            "We can't find an organizational unit (OU) with the OrganizationalUnitId that you specified.";

    private final OrgStore store;
    private final OrgIds ids;
    private final OrgTags tags;

    OrganizationalUnits(OrgStore store, OrgIds ids, OrgTags tags) {
        this.store = store;
        this.ids = ids;
        this.tags = tags;
    }

    public CreateOrganizationalUnitResponse createOrganizationalUnit(CreateOrganizationalUnitRequest r) {
        Organization org = store.managedByCaller();
        requireParent(org, r.parentId());
        if (org.depth(r.parentId()) >= MAX_DEPTH) {
            throw OrgErrors.constraint(ConstraintViolationExceptionReason.OU_DEPTH_LIMIT_EXCEEDED,
                    "You attempted to create an OU tree that is too many levels deep.");
        }
        requireUniqueName(org, r.parentId(), r.name());
        String id = ids.organizationalUnit(org.rootId);
        OrgUnit u = new OrgUnit(id, org.unitArn(id), r.name());
        tags.register(org, id, u.arn, r.tags());
        org.units.put(id, u);
        org.parents.put(id, r.parentId());
        OrgStore.attachDefaults(org, id);
        return CreateOrganizationalUnitResponse.builder().organizationalUnit(Views.unit(u)).build();
    }

    public software.amazon.awssdk.services.organizations.model.UpdateOrganizationalUnitResponse updateOrganizationalUnit(
            software.amazon.awssdk.services.organizations.model.UpdateOrganizationalUnitRequest r) {
        Organization org = store.managedByCaller();
        OrgUnit u = unit(org, r.organizationalUnitId());
        if (r.name() != null && !r.name().equals(u.name)) {
            requireUniqueName(org, org.parents.get(u.id), r.name());
            u.name = r.name();
        }
        return software.amazon.awssdk.services.organizations.model.UpdateOrganizationalUnitResponse.builder()
                .organizationalUnit(Views.unit(u)).build();
    }

    public DeleteOrganizationalUnitResponse deleteOrganizationalUnit(DeleteOrganizationalUnitRequest r) {
        Organization org = store.managedByCaller();
        OrgUnit u = unit(org, r.organizationalUnitId());
        if (!org.children(u.id).isEmpty()) {
            throw OrgErrors.of(OrganizationalUnitNotEmptyException.class, "The specified OU is not empty. Move all "
                    + "accounts to another root or to other OUs, remove all child OUs, and try the operation again.");
        }
        org.units.remove(u.id);
        org.parents.remove(u.id);
        org.attachments.remove(u.id);
        tags.unregister(org, u.id);
        return DeleteOrganizationalUnitResponse.builder().build();
    }

    public DescribeOrganizationalUnitResponse describeOrganizationalUnit(DescribeOrganizationalUnitRequest r) {
        Organization org = store.readableByCaller();
        return DescribeOrganizationalUnitResponse.builder()
                .organizationalUnit(Views.unit(unit(org, r.organizationalUnitId()))).build();
    }

    public ListOrganizationalUnitsForParentResponse listOrganizationalUnitsForParent(
            ListOrganizationalUnitsForParentRequest r) {
        Organization org = store.readableByCaller();
        requireParent(org, r.parentId());
        List<OrganizationalUnit> all = org.children(r.parentId()).stream().filter(org.units::containsKey)
                .map(id -> Views.unit(org.units.get(id))).toList();
        Pages.Page<OrganizationalUnit> page = Pages.page("ListOrganizationalUnitsForParent", all, r.nextToken(),
                r.maxResults());
        return ListOrganizationalUnitsForParentResponse.builder().organizationalUnits(page.items())
                .nextToken(page.nextToken()).build();
    }

    public ListRootsResponse listRoots(ListRootsRequest r) {
        Organization org = store.readableByCaller();
        return ListRootsResponse.builder().roots(Views.root(org)).build();
    }

    public ListParentsResponse listParents(ListParentsRequest r) {
        Organization org = store.readableByCaller();
        String parent = org.parents.get(r.childId());
        if (parent == null) {
            throw OrgErrors.of(ChildNotFoundException.class,
                    "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.");
        }
        Parent p = Parent.builder().id(parent).type(org.rootId.equals(parent) ? "ROOT" : "ORGANIZATIONAL_UNIT")
                .build();
        return ListParentsResponse.builder().parents(p).build();
    }

    public ListChildrenResponse listChildren(ListChildrenRequest r) {
        Organization org = store.readableByCaller();
        requireParent(org, r.parentId());
        boolean units = "ORGANIZATIONAL_UNIT".equals(r.childTypeAsString());
        List<Child> all = org.children(r.parentId()).stream()
                .filter(id -> units ? org.units.containsKey(id) : org.accounts.containsKey(id))
                .map(id -> Child.builder().id(id).type(r.childTypeAsString()).build()).toList();
        Pages.Page<Child> page = Pages.page("ListChildren", all, r.nextToken(), r.maxResults());
        return ListChildrenResponse.builder().children(page.items()).nextToken(page.nextToken()).build();
    }

    static void requireParent(Organization org, String parentId) {
        if (!org.isParent(parentId)) {
            throw OrgErrors.of(ParentNotFoundException.class, Accounts.PARENT_NOT_FOUND);
        }
    }

    static OrgUnit unit(Organization org, String id) {
        OrgUnit u = org.units.get(id);
        if (u == null) {
            throw OrgErrors.of(OrganizationalUnitNotFoundException.class, OU_NOT_FOUND);
        }
        return u;
    }

    private static void requireUniqueName(Organization org, String parentId, String name) {
        for (String child : org.children(parentId)) {
            OrgUnit sibling = org.units.get(child);
            if (sibling != null && sibling.name.equals(name)) {
                throw OrgErrors.of(DuplicateOrganizationalUnitException.class,
                        "An OU with the same name already exists.");
            }
        }
    }
}
