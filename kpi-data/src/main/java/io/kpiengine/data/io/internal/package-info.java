/**
 * Implementation of the readers: the byte-level CSV tokenizer and column parsers, split planning, the shared
 * error budget. No compatibility promise; not for users.
 */
package io.kpiengine.data.io.internal;
