/**
 * A {@link io.github.javaopenai.transport.Transport} over OkHttp 5, for applications that already
 * use OkHttp or want its connection pooling.
 */
package io.github.javaopenai.okhttp;
