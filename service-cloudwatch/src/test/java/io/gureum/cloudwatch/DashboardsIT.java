package io.gureum.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.DashboardInvalidInputErrorException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatch.model.GetDashboardResponse;

class DashboardsIT extends CloudWatchTestSupport {
    static final String BODY = "{\"widgets\":[{\"type\":\"text\",\"x\":0,\"y\":0,\"width\":6,\"height\":3,"
            + "\"properties\":{\"markdown\":\"hello\"}}]}";

    @Test
    void putGetListDelete() {
        String name = unique("dash");
        assertTrue(cw.putDashboard(b -> b.dashboardName(name).dashboardBody(BODY)).dashboardValidationMessages()
                .isEmpty());
        GetDashboardResponse d = cw.getDashboard(b -> b.dashboardName(name));
        assertEquals(BODY, d.dashboardBody());
        assertTrue(d.dashboardArn().matches("arn:aws:cloudwatch::\\d{12}:dashboard/" + name), d.dashboardArn());
        assertEquals(1, cw.listDashboards(b -> b.dashboardNamePrefix(name)).dashboardEntries().size());
        assertEquals(BODY.length(), cw.listDashboards(b -> b.dashboardNamePrefix(name)).dashboardEntries().get(0)
                .size());
        cw.deleteDashboards(b -> b.dashboardNames(name));
        assertError(DashboardNotFoundErrorException.class, "ResourceNotFound", 404,
                () -> cw.getDashboard(b -> b.dashboardName(name)));
        assertError(DashboardNotFoundErrorException.class, "ResourceNotFound", 404,
                () -> cw.deleteDashboards(b -> b.dashboardNames(name)));
    }

    @Test
    void bodyMustBeJsonWithWidgets() {
        DashboardInvalidInputErrorException e = assertError(DashboardInvalidInputErrorException.class,
                "InvalidParameterInput", 400, () -> cw.putDashboard(b -> b.dashboardName(unique("d"))
                        .dashboardBody("{\"title\":\"x\"}")));
        assertEquals("The dashboard body is invalid, there are 1 validation errors: [ { \"dataPath\" : \"\","
                + " \"message\" : \"Should have required property 'widgets'\" } ]", e.awsErrorDetails().errorMessage());
        assertError(DashboardInvalidInputErrorException.class, "InvalidParameterInput", 400,
                () -> cw.putDashboard(b -> b.dashboardName(unique("d")).dashboardBody("not json")));
    }
}
