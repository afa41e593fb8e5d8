package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.LabelParameterVersionResponse;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterVersionLabelLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.UnlabelParameterVersionResponse;

/** LabelParameterVersion, UnlabelParameterVersion and GetParameterHistory. */
class LabelsAndHistoryIT extends SsmTestSupport {

    @Test
    void labelsAttachMoveAndInvalidOnesAreListed() {
        String name = put(unique("/labels"), "v1");
        ssm.putParameter(b -> b.name(name).value("v2").overwrite(true));
        LabelParameterVersionResponse r = ssm.labelParameterVersion(b -> b.name(name).parameterVersion(1L)
                .labels("prod", "1st", "awsLabel", "SSM-x", "has space", "ok.label-1_x"));
        assertEquals(1L, r.parameterVersion());
        assertEquals(List.of("1st", "awsLabel", "SSM-x", "has space"), r.invalidLabels());
        assertEquals(List.of("prod", "ok.label-1_x"), history(name).get(0).labels());

        LabelParameterVersionResponse moved = ssm.labelParameterVersion(b -> b.name(name).labels("prod"));
        assertEquals(2L, moved.parameterVersion(), "without a version: the latest");
        assertEquals(List.of("ok.label-1_x"), history(name).get(0).labels());
        assertEquals(List.of("prod"), history(name).get(1).labels());
    }

    @Test
    void tenLabelsPerVersion() {
        String name = put(unique("/ten"), "v");
        ssm.labelParameterVersion(b -> b.name(name).labels("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"));
        assertError(ParameterVersionLabelLimitExceededException.class, "ParameterVersionLabelLimitExceeded", 400,
                "A parameter version can have maximum 10 labels.Move one or more labels to another version and try again.",
                () -> ssm.labelParameterVersion(b -> b.name(name).labels("k")));
    }

    @Test
    void missingParametersAndVersions() {
        String name = put(unique("/lv"), "v");
        assertError(ParameterNotFoundException.class, "ParameterNotFound", 400, null,
                () -> ssm.labelParameterVersion(b -> b.name(name + "-missing").labels("x")));
        assertError(ParameterVersionNotFoundException.class, "ParameterVersionNotFound", 400,
                "Systems Manager could not find version 4 of " + name + ". Verify the version and try again.",
                () -> ssm.labelParameterVersion(b -> b.name(name).parameterVersion(4L).labels("x")));
    }

    @Test
    void unlabelRemovesWhatIsThereAndListsTheRest() {
        String name = put(unique("/unlabel"), "v");
        ssm.labelParameterVersion(b -> b.name(name).labels("a", "b"));
        UnlabelParameterVersionResponse r = ssm.unlabelParameterVersion(b -> b.name(name).parameterVersion(1L)
                .labels("a", "zzz"));
        assertEquals(List.of("a"), r.removedLabels());
        assertEquals(List.of("zzz"), r.invalidLabels());
        assertEquals(List.of("b"), history(name).get(0).labels());
    }

    @Test
    void historyListsEveryVersionInPages() {
        String name = put(unique("/hist"), "v1");
        for (int i = 2; i <= 7; i++) {
            String v = "v" + i;
            ssm.putParameter(b -> b.name(name).value(v).overwrite(true).description("d" + v));
        }
        List<ParameterHistory> all = history(name);
        assertEquals(7, all.size());
        assertEquals("v1", all.get(0).value());
        assertNull(all.get(0).description());
        assertEquals("dv7", all.get(6).description());
        assertEquals(7L, all.get(6).version());
        GetParameterHistoryResponse page = ssm.getParameterHistory(b -> b.name(name).maxResults(3));
        assertEquals(3, page.parameters().size());
        assertNotNull(page.nextToken());
        GetParameterHistoryResponse next = ssm.getParameterHistory(b -> b.name(name).maxResults(3)
                .nextToken(page.nextToken()));
        assertEquals(4L, next.parameters().get(0).version());
        assertEquals(7, ssm.getParameterHistoryPaginator(b -> b.name(name).maxResults(2)).stream().flatMap(each -> each.parameters().stream()).count());
        assertError(ParameterNotFoundException.class, "ParameterNotFound", 400, null,
                () -> ssm.getParameterHistory(b -> b.name(name + "-missing")));
    }

    static List<ParameterHistory> history(String name) {
        return ssm.getParameterHistory(b -> b.name(name)).parameters();
    }
}
