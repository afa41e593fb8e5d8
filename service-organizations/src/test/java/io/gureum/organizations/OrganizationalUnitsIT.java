package io.gureum.organizations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.ChildNotFoundException;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationException;
import software.amazon.awssdk.services.organizations.model.DestinationParentNotFoundException;
import software.amazon.awssdk.services.organizations.model.DuplicateAccountException;
import software.amazon.awssdk.services.organizations.model.DuplicateOrganizationalUnitException;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnitNotEmptyException;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnitNotFoundException;
import software.amazon.awssdk.services.organizations.model.ParentNotFoundException;
import software.amazon.awssdk.services.organizations.model.SourceParentNotFoundException;

/** OUs, the tree's listings, MoveAccount and the five-level depth limit. */
class OrganizationalUnitsIT extends OrgTestSupport {

    @Test
    void unitsNestFiveLevelsDeepUnderTheRoot() {
        String mgmt = newOrganization();
        OrganizationsClient orgs = org(mgmt);
        String root = orgs.listRoots().roots().get(0).id();
        String parent = root;
        for (int level = 1; level <= 5; level++) {
            String p = parent;
            int l = level;
            parent = orgs.createOrganizationalUnit(b -> b.parentId(p).name("level" + l)).organizationalUnit().id();
        }
        String deepest = parent;
        ConstraintViolationException e = assertError(ConstraintViolationException.class,
                "ConstraintViolationException",
                () -> orgs.createOrganizationalUnit(b -> b.parentId(deepest).name("level6")));
        assertEquals("OU_DEPTH_LIMIT_EXCEEDED", e.reasonAsString());
    }

    @Test
    void treeListingsAndMoves() {
        String mgmt = newOrganization();
        OrganizationsClient orgs = org(mgmt);
        String root = orgs.listRoots().roots().get(0).id();
        OrganizationalUnit eng = orgs.createOrganizationalUnit(b -> b.parentId(root).name("eng")).organizationalUnit();
        String orgId = orgs.describeOrganization().organization().id();
        assertTrue(eng.id().matches("ou-" + root.substring(2) + "-[a-z0-9]{8}"), eng.id());
        assertEquals("arn:aws:organizations::" + mgmt + ":ou/" + orgId + "/" + eng.id(), eng.arn());
        assertError(DuplicateOrganizationalUnitException.class, "DuplicateOrganizationalUnitException",
                () -> orgs.createOrganizationalUnit(b -> b.parentId(root).name("eng")));
        assertError(ParentNotFoundException.class, "ParentNotFoundException",
                () -> orgs.createOrganizationalUnit(b -> b.parentId("ou-abcd-abcdefgh").name("x")));
        assertEquals("platform", orgs.updateOrganizationalUnit(b -> b.organizationalUnitId(eng.id()).name("platform"))
                .organizationalUnit().name());
        assertEquals(List.of(eng.id()), orgs.listOrganizationalUnitsForParent(b -> b.parentId(root))
                .organizationalUnits().stream().map(OrganizationalUnit::id).toList());

        String acct = createAccount(orgs, unique("a"));
        assertError(DuplicateAccountException.class, "DuplicateAccountException",
                () -> orgs.moveAccount(b -> b.accountId(acct).sourceParentId(root).destinationParentId(root)));
        assertError(SourceParentNotFoundException.class, "SourceParentNotFoundException",
                () -> orgs.moveAccount(b -> b.accountId(acct).sourceParentId("ou-zzzz-zzzzzzzz")
                        .destinationParentId(eng.id())));
        assertError(DestinationParentNotFoundException.class, "DestinationParentNotFoundException",
                () -> orgs.moveAccount(b -> b.accountId(acct).sourceParentId(root)
                        .destinationParentId("ou-zzzz-zzzzzzzz")));
        orgs.moveAccount(b -> b.accountId(acct).sourceParentId(root).destinationParentId(eng.id()));
        var parent = orgs.listParents(b -> b.childId(acct)).parents().get(0);
        assertEquals(eng.id(), parent.id());
        assertEquals("ORGANIZATIONAL_UNIT", parent.typeAsString());
        assertEquals("ROOT", orgs.listParents(b -> b.childId(eng.id())).parents().get(0).typeAsString());
        assertEquals(acct, orgs.listChildren(b -> b.parentId(eng.id()).childType("ACCOUNT")).children().get(0).id());
        assertEquals(List.of(acct), orgs.listAccountsForParent(b -> b.parentId(eng.id())).accounts().stream()
                .map(a -> a.id()).toList());
        assertEquals(1, orgs.listChildren(b -> b.parentId(root).childType("ACCOUNT")).children().size());
        assertError(ChildNotFoundException.class, "ChildNotFoundException",
                () -> orgs.listParents(b -> b.childId("123456789012")));

        assertError(OrganizationalUnitNotEmptyException.class, "OrganizationalUnitNotEmptyException",
                () -> orgs.deleteOrganizationalUnit(b -> b.organizationalUnitId(eng.id())));
        orgs.moveAccount(b -> b.accountId(acct).sourceParentId(eng.id()).destinationParentId(root));
        orgs.deleteOrganizationalUnit(b -> b.organizationalUnitId(eng.id()));
        assertError(OrganizationalUnitNotFoundException.class, "OrganizationalUnitNotFoundException",
                () -> orgs.describeOrganizationalUnit(b -> b.organizationalUnitId(eng.id())));
    }

    @Test
    void listingsPage() {
        OrganizationsClient orgs = org(newOrganization());
        String root = orgs.listRoots().roots().get(0).id();
        for (int i = 0; i < 3; i++) {
            int n = i;
            orgs.createOrganizationalUnit(b -> b.parentId(root).name("ou" + n));
        }
        var first = orgs.listOrganizationalUnitsForParent(b -> b.parentId(root).maxResults(2));
        assertEquals(2, first.organizationalUnits().size());
        var second = orgs.listOrganizationalUnitsForParent(b -> b.parentId(root).nextToken(first.nextToken()));
        assertEquals("ou2", second.organizationalUnits().get(0).name());
        assertEquals(null, second.nextToken());
    }
}
