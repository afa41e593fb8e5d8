package io.gureum.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.error.AwsException;
import io.gureum.core.protocol.index.ApiConstraints;
import io.gureum.core.protocol.index.ApiConstraints.MemberConstraints;
import io.gureum.core.protocol.index.ApiConstraints.ShapeConstraints;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.ListRolesRequest;
import software.amazon.awssdk.services.iam.model.Tag;

class ConstraintWalkerTest {
    static final ApiConstraints IAM = iam();

    static ApiConstraints iam() {
        Map<String, MemberConstraints> create = new LinkedHashMap<>();
        create.put("Path", new MemberConstraints(null, "pathType"));
        create.put("RoleName", new MemberConstraints(true, "roleNameType"));
        create.put("AssumeRolePolicyDocument", new MemberConstraints(true, null));
        create.put("MaxSessionDuration", new MemberConstraints(null, "duration"));
        create.put("Tags", new MemberConstraints(null, "tagList"));
        Map<String, ShapeConstraints> shapes = new LinkedHashMap<>();
        shapes.put("CreateRoleRequest", shape("structure", null, null, null, null, create, null));
        shapes.put("ListRolesRequest", shape("structure", null, null, null, null,
                Map.of("PathPrefix", new MemberConstraints(null, "prefix")), null));
        shapes.put("pathType", shape("string", 1, 512, "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)", null, null, null));
        shapes.put("prefix", shape("string", 1, 512, "[\\.\\-_/#A-Za-z0-9]+", null, null, null));
        shapes.put("roleNameType", shape("string", 1, 64, "[\\w+=,.@-]+", null, null, null));
        shapes.put("duration", shape("integer", 3600, 43200, null, null, null, null));
        shapes.put("tagList", shape("list", null, 50, null, null, null, "Tag"));
        shapes.put("Tag", shape("structure", null, null, null, null, Map.of(
                "Key", new MemberConstraints(true, "tagKey"), "Value", new MemberConstraints(true, null)), null));
        shapes.put("tagKey", shape("string", 1, 128, null, null, null, null));
        return new ApiConstraints("test", "query", Map.of(), shapes);
    }

    static ShapeConstraints shape(String type, Number min, Number max, String pattern, List<String> enums,
            Map<String, MemberConstraints> members, String member) {
        return new ShapeConstraints(type, min, max, pattern, enums, members, member, null, null, null);
    }

    @Test
    void reportsEveryBrokenConstraintInModelOrderWithAwsWording() {
        CreateRoleRequest r = CreateRoleRequest.builder().path("nopath").roleName("r".repeat(65))
                .maxSessionDuration(60).tags(Tag.builder().key("").value("v").build(), Tag.builder().key("k").build())
                .build();
        List<Violation> v = ConstraintWalker.violations(IAM, "CreateRoleRequest", r, false);
        assertEquals(List.of(
                "Value 'nopath' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
                "Value '" + "r".repeat(65) + "' at 'roleName' failed to satisfy constraint: Member must have length "
                        + "less than or equal to 64",
                "Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null",
                "Value '60' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than "
                        + "or equal to 3600",
                "Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater than or "
                        + "equal to 1",
                "Value null at 'tags.2.member.value' failed to satisfy constraint: Member must not be null"),
                v.stream().map(Violation::sentence).toList());
        AwsException e = (AwsException) ValidationPolicy.all("ValidationError").error().apply(v);
        assertEquals("ValidationError", e.code());
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("6 validation errors detected: Value 'nopath' at 'path' "), e.getMessage());
        assertTrue(e.getMessage().contains("3600; Value '' at 'tags.1.member.key'"), e.getMessage());
    }

    @Test
    void patternComesBeforeLengthAndValidInputPasses() {
        assertEquals(List.of(
                "Value '' at 'pathPrefix' failed to satisfy constraint: Member must satisfy regular expression "
                        + "pattern: [\\.\\-_/#A-Za-z0-9]+",
                "Value '' at 'pathPrefix' failed to satisfy constraint: Member must have length greater than or equal to 1"),
                ConstraintWalker.violations(IAM, "ListRolesRequest", ListRolesRequest.builder().pathPrefix("").build(),
                        false).stream().map(Violation::sentence).toList());
        assertTrue(ConstraintWalker.violations(IAM, "CreateRoleRequest", CreateRoleRequest.builder().path("/a/")
                .roleName("ok").assumeRolePolicyDocument("{}").maxSessionDuration(3600).build(), false).isEmpty());
    }

    @Test
    void requiredOnlyChecksTheRequestsOwnRequiredMembers() {
        CreateRoleRequest r = CreateRoleRequest.builder().roleName("bad name").build();
        List<Violation> v = ConstraintWalker.violations(IAM, "CreateRoleRequest", r, true);
        assertEquals(1, v.size());
        AwsException e = (AwsException) ValidationPolicy.missingParameter("").error().apply(v);
        assertEquals("MissingParameter", e.code());
        assertEquals("The request must contain the parameter AssumeRolePolicyDocument", e.getMessage());
    }

    @Test
    void ec2NamesTheMissingParameterAsOnTheWire() {
        ApiConstraints ec2 = new ApiConstraints("test", "ec2", Map.of(), Map.of("CreateSecurityGroupRequest",
                shape("structure", null, null, null, null, Map.of("Description", new MemberConstraints(true, null),
                        "GroupName", new MemberConstraints(true, null)), null)));
        List<Violation> v = ConstraintWalker.violations(ec2, "CreateSecurityGroupRequest",
                software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest.builder().groupName("g").build(),
                true);
        AwsException e = (AwsException) ValidationPolicy.missingParameter("").error().apply(v);
        assertEquals("The request must contain the parameter GroupDescription", e.getMessage());
    }

    @Test
    void mapKeysAndValuesAreReportedOnceForTheMap() {
        Map<String, ShapeConstraints> shapes = new LinkedHashMap<>();
        shapes.put("Req", shape("structure", null, null, null, null,
                Map.of("Tags", new MemberConstraints(null, "tags")), null));
        shapes.put("tags", new ShapeConstraints("map", 1, 50, null, null, null, null, "key", null, null));
        shapes.put("key", shape("string", 1, 128, null, null, null, null));
        ApiConstraints api = new ApiConstraints("test", "json", Map.of(), shapes);
        var request = software.amazon.awssdk.services.lambda.model.TagResourceRequest.builder()
                .tags(Map.of("", "v")).build();
        assertEquals(List.of("Value '{=v}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: "
                + "[Member must have length greater than or equal to 1]"),
                ConstraintWalker.violations(api, "Req", request, false).stream().map(Violation::sentence).toList());
    }
}
