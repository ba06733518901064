from rest_framework.pagination import PageNumberPagination


class ContentPagination(PageNumberPagination):
    """``?page=N`` (an unknown page is a 404) and ``?page_size=`` up to 100."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
