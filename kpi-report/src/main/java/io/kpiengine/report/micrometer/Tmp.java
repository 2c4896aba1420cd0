package io.kpiengine.report.micrometer;

final class Tmp {
    private Tmp() {
    }
}
