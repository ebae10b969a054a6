"""Matrix operations on lists of lists."""

from typing import List

Matrix = List[List[float]]


def transpose(m: Matrix) -> Matrix:
    """Swap rows and columns.

    >>> transpose([[1, 2, 3], [4, 5, 6]])
    [[1, 4], [2, 5], [3, 6]]
    >>> transpose([])
    []
    """
    if not m:
        return []
    return [[m[r][c] for r in range(len(m))] for c in range(len(m[0]))]


def mat_mul(a: Matrix, b: Matrix) -> Matrix:
    """Matrix product a @ b.

    >>> mat_mul([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    [[19, 22], [43, 50]]
    >>> mat_mul([[1, 2]], [[1, 2]])
    Traceback (most recent call last):
    ...
    ValueError: shape mismatch: 1x2 @ 1x2
    """
    if len(a[0]) != len(b):
        raise ValueError(f"shape mismatch: {len(a)}x{len(a[0])} @ {len(b)}x{len(b[0])}")
    result = []
    for row in a:
        new_row = []
        for j in range(len(b[0])):
            new_row.append(sum(row[k] * b[k][j] for k in range(len(b))))
        result.append(new_row)
    return result


def identity(n: int) -> Matrix:
    """n x n identity matrix.

    >>> identity(3)
    [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    """
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]


def determinant(m: Matrix) -> float:
    """Determinant by cofactor expansion along the first row.

    >>> determinant([[1, 2], [3, 4]])
    -2
    >>> determinant([[2, 0, 1], [1, 3, 2], [1, 1, 2]])
    6
    """
    n = len(m)
    if n == 1:
        return m[0][0]
    if n == 2:
        return m[0][0] * m[1][1] - m[0][1] * m[1][0]
    total = 0
    for col in range(n):
        minor = [row[:col] + row[col + 1:] for row in m[1:]]
        sign = -1 if col % 2 else 1
        total += sign * m[0][col] * determinant(minor)
    return total


def scale(m: Matrix, factor: float) -> Matrix:
    """Multiply every element by factor.

    >>> scale([[1, 2], [3, 4]], 0.5)
    [[0.5, 1.0], [1.5, 2.0]]
    """
    return [[x * factor for x in row] for row in m]


def row_sums(m: Matrix) -> List[float]:
    """Sum of each row.

    >>> row_sums([[1, 2, 3], [4, 5, 6]])
    [6, 15]
    """
    return [sum(row) for row in m]


def spiral_order(m: Matrix) -> List[float]:
    """Elements in clockwise spiral order.

    >>> spiral_order([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    [1, 2, 3, 6, 9, 8, 7, 4, 5]
    >>> spiral_order([[1, 2], [3, 4], [5, 6]])
    [1, 2, 4, 6, 5, 3]
    """
    out: List[float] = []
    if not m:
        return out
    top, bottom, left, right = 0, len(m) - 1, 0, len(m[0]) - 1
    while top <= bottom and left <= right:
        for c in range(left, right + 1):
            out.append(m[top][c])
        for r in range(top + 1, bottom + 1):
            out.append(m[r][right])
        if top < bottom and left < right:
            for c in range(right - 1, left - 1, -1):
                out.append(m[bottom][c])
            for r in range(bottom - 1, top, -1):
                out.append(m[r][left])
        top, bottom, left, right = top + 1, bottom - 1, left + 1, right - 1
    return out


def rotate_90(m: Matrix) -> Matrix:
    """Rotate a matrix 90 degrees clockwise.

    >>> rotate_90([[1, 2], [3, 4]])
    [[3, 1], [4, 2]]
    """
    return [list(row) for row in zip(*m[::-1])]
