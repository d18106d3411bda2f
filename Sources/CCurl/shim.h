#ifndef DRUIDWATCH_CCURL_SHIM_H
#define DRUIDWATCH_CCURL_SHIM_H

#include <curl/curl.h>

// Swift cannot call C variadic functions, so each argument type curl_easy_setopt and
// curl_easy_getinfo take gets one typed, non-variadic wrapper.

static inline CURLcode dw_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dw_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dw_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dw_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dw_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*dw_curl_data_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*dw_curl_progress_callback)(void *context, curl_off_t dltotal, curl_off_t dlnow,
                                         curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode dw_curl_setopt_data_callback(CURL *handle, CURLoption option, dw_curl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode dw_curl_setopt_progress_callback(CURL *handle, CURLoption option, dw_curl_progress_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode dw_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
