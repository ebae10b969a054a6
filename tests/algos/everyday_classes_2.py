"""Everyday classes, second set (written for this project): fields typed by what the
methods do with them (``self.items = []`` then ``push(item)``), ``__init__`` parameters typed
by the module's constructor calls, untyped and half-annotated."""

from collections import defaultdict, deque


class Stack:
    """A last-in first-out stack.

    >>> s = Stack()
    >>> s.push(3)
    >>> s.pop()
    3
    """

    def __init__(self):
        self.items = []

    def push(self, item):
        self.items.append(item)

    def pop(self):
        return self.items.pop()

    def peek(self):
        return self.items[-1]

    def is_empty(self):
        return len(self.items) == 0

    def size(self):
        return len(self.items)


class Queue:
    """First in, first out on a list.

    >>> q = Queue()
    >>> q.enqueue("a")
    >>> q.dequeue()
    'a'
    """

    def __init__(self):
        self.items = []

    def enqueue(self, item):
        self.items.insert(0, item)

    def dequeue(self):
        return self.items.pop()

    def is_empty(self):
        return self.items == []

    def size(self):
        return len(self.items)


class DequeQueue:
    """A queue on a deque.

    >>> q = DequeQueue()
    >>> q.put(1)
    >>> q.get()
    1
    """

    def __init__(self):
        self.queue = deque()

    def put(self, value):
        self.queue.append(value)

    def get(self):
        return self.queue.popleft()

    def __len__(self):
        return len(self.queue)


class Graph:
    """An undirected graph as adjacency lists.

    >>> g = Graph()
    >>> g.add_edge(1, 2)
    >>> g.neighbours(1)
    [2]
    """

    def __init__(self):
        self.graph = defaultdict(list)

    def add_edge(self, u, v):
        self.graph[u].append(v)
        self.graph[v].append(u)

    def neighbours(self, u):
        return list(self.graph[u])

    def degree(self, u):
        return len(self.graph[u])


class Digraph:
    """A directed graph on a plain dict.

    >>> d = Digraph(3)
    >>> d.add_edge(0, 1)
    >>> d.has_edge(0, 1)
    True
    """

    def __init__(self, vertices):
        self.vertices = vertices
        self.graph = {}

    def add_edge(self, u, v):
        if u not in self.graph:
            self.graph[u] = []
        self.graph[u].append(v)

    def has_edge(self, u, v):
        return u in self.graph and v in self.graph[u]

    def out_degree(self, u):
        return len(self.graph.get(u, []))


class WordCounter:
    """Counts words.

    >>> c = WordCounter()
    >>> c.add_text("a b a")
    >>> c.count("a")
    2
    """

    def __init__(self):
        self.counts = {}

    def add_text(self, text):
        for word in text.split():
            self.counts[word] = self.counts.get(word, 0) + 1

    def count(self, word):
        return self.counts.get(word, 0)

    def distinct(self):
        return len(self.counts)


class BankAccount:
    """An account with a history of transactions.

    >>> acct = BankAccount("ann", 100)
    >>> acct.deposit(50)
    150
    """

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []

    def deposit(self, amount):
        self.balance += amount
        self.history.append(amount)
        return self.balance

    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError("insufficient funds")
        self.balance -= amount
        self.history.append(-amount)
        return self.balance

    def transactions(self):
        return len(self.history)


class MinTracker:
    """Keeps the smallest value seen.

    >>> m = MinTracker()
    >>> m.add(5)
    >>> m.add(2)
    >>> m.smallest()
    2
    """

    def __init__(self):
        self.values = []

    def add(self, x: int):
        self.values.append(x)

    def smallest(self):
        return min(self.values)

    def total(self):
        return sum(self.values)


class Matrix:
    """A rows x cols matrix of zeros.

    >>> m = Matrix(2, 3)
    >>> m.set(0, 1, 5)
    >>> m.get(0, 1)
    5
    """

    def __init__(self, rows, cols):
        self.rows = rows
        self.cols = cols
        self.data = [[0] * cols for _ in range(rows)]

    def set(self, i, j, value):
        self.data[i][j] = value

    def get(self, i, j):
        return self.data[i][j]

    def row_sum(self, i):
        return sum(self.data[i])


class LRUCache:
    """A least-recently-used cache of a fixed capacity.

    >>> c = LRUCache(2)
    >>> c.put(1, 1)
    >>> c.get(1)
    1
    >>> c.get(3)
    -1
    """

    def __init__(self, capacity):
        self.capacity = capacity
        self.cache = {}
        self.order = []

    def get(self, key):
        if key not in self.cache:
            return -1
        self.order.remove(key)
        self.order.append(key)
        return self.cache[key]

    def put(self, key, value):
        if key in self.cache:
            self.order.remove(key)
        elif len(self.cache) >= self.capacity:
            oldest = self.order.pop(0)
            del self.cache[oldest]
        self.cache[key] = value
        self.order.append(key)


class Counter2:
    """A counter that steps.

    >>> c = Counter2(10)
    >>> c.tick()
    11
    """

    def __init__(self, start):
        self.value = start

    def tick(self):
        self.value += 1
        return self.value

    def reset(self):
        self.value = 0


class Node:
    """A tree node holding a value and its children.

    >>> n = Node(1)
    >>> n.value
    1
    """

    def __init__(self, value):
        self.value = value
        self.children = []

    def add_child(self, value):
        self.children.append(value)

    def child_count(self):
        return len(self.children)


class TodoList:
    """Tasks and whether they are done.

    >>> t = TodoList()
    >>> t.add("milk")
    >>> t.pending()
    ['milk']
    """

    def __init__(self):
        self.tasks = []
        self.done = set()

    def add(self, task):
        self.tasks.append(task)

    def complete(self, task):
        if task in self.tasks:
            self.done.add(task)

    def pending(self):
        return [t for t in self.tasks if t not in self.done]


class Inventory:
    """Quantities by item name.

    >>> inv = Inventory()
    >>> inv.add("apple", 3)
    >>> inv.quantity("apple")
    3
    """

    def __init__(self):
        self.stock = {}

    def add(self, name, qty):
        self.stock[name] = self.stock.get(name, 0) + qty

    def remove(self, name, qty):
        if self.stock.get(name, 0) < qty:
            return False
        self.stock[name] -= qty
        return True

    def quantity(self, name):
        return self.stock.get(name, 0)


class RunningAverage:
    """The mean of the numbers added so far.

    >>> r = RunningAverage()
    >>> r.add(2.0)
    >>> r.add(4.0)
    >>> r.mean()
    3.0
    """

    def __init__(self):
        self.total = 0.0
        self.count = 0

    def add(self, x):
        self.total += x
        self.count += 1

    def mean(self):
        if self.count == 0:
            return 0.0
        return self.total / self.count


class History:
    """The last n strings typed.

    >>> h = History(2)
    >>> h.record("ls")
    >>> h.last()
    'ls'
    """

    def __init__(self, limit):
        self.limit = limit
        self.entries = []

    def record(self, line):
        self.entries.append(line)
        if len(self.entries) > self.limit:
            self.entries.pop(0)

    def last(self):
        return self.entries[-1]

    def search(self, prefix):
        return [e for e in self.entries if e.startswith(prefix)]


class Library:
    """Books by author.

    >>> lib = Library()
    >>> lib.add_book("Austen", "Emma")
    >>> lib.books_by("Austen")
    ['Emma']
    """

    def __init__(self):
        self.by_author = defaultdict(list)

    def add_book(self, author, title):
        self.by_author[author].append(title)

    def books_by(self, author):
        return sorted(self.by_author[author])

    def authors(self):
        return sorted(self.by_author.keys())


class Scoreboard:
    """Scores by player, best first.

    >>> s = Scoreboard()
    >>> s.record("amy", 10)
    >>> s.best()
    'amy'
    """

    def __init__(self):
        self.scores = {}

    def record(self, player, points):
        self.scores[player] = self.scores.get(player, 0) + points

    def best(self):
        return max(self.scores, key=lambda p: self.scores[p])

    def total(self):
        return sum(self.scores.values())


class UnionFind:
    """Disjoint sets over 0..n-1.

    >>> uf = UnionFind(4)
    >>> uf.union(0, 1)
    >>> uf.connected(0, 1)
    True
    """

    def __init__(self, n):
        self.parent = list(range(n))
        self.rank = [0] * n

    def find(self, x):
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.rank[ra] < self.rank[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        if self.rank[ra] == self.rank[rb]:
            self.rank[ra] += 1

    def connected(self, a, b):
        return self.find(a) == self.find(b)


class MaxHeap:
    """A binary max-heap on a list.

    >>> h = MaxHeap()
    >>> h.push(3)
    >>> h.push(7)
    >>> h.peek()
    7
    """

    def __init__(self):
        self.heap = []

    def push(self, value):
        self.heap.append(value)
        i = len(self.heap) - 1
        while i > 0:
            parent = (i - 1) // 2
            if self.heap[parent] >= self.heap[i]:
                break
            self.heap[parent], self.heap[i] = self.heap[i], self.heap[parent]
            i = parent

    def peek(self):
        return self.heap[0]

    def __len__(self):
        return len(self.heap)


class Polynomial:
    """Coefficients, lowest degree first.

    >>> p = Polynomial([1, 2, 3])
    >>> p.evaluate(2)
    17
    """

    def __init__(self, coeffs):
        self.coeffs = coeffs

    def evaluate(self, x):
        result = 0
        for c in reversed(self.coeffs):
            result = result * x + c
        return result

    def degree(self):
        return len(self.coeffs) - 1


class ShoppingCart:
    """Prices of items in a cart.

    >>> cart = ShoppingCart()
    >>> cart.add_item("pen", 1.5)
    >>> cart.total()
    1.5
    """

    def __init__(self):
        self.items = {}

    def add_item(self, name, price):
        self.items[name] = price

    def remove_item(self, name):
        if name in self.items:
            del self.items[name]

    def total(self):
        return sum(self.items.values())


class Vector:
    """A 2-d vector.

    >>> Vector(1, 2).dot(Vector(3, 4))
    11
    """

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    def scaled(self, k):
        return Vector(self.x * k, self.y * k)


v0 = Vector(0, 0)


class Student:
    """A student's grades.

    >>> s = Student("bo")
    >>> s.add_grade(80)
    >>> s.average()
    80.0
    """

    def __init__(self, name):
        self.name = name
        self.grades = []

    def add_grade(self, grade):
        self.grades.append(grade)

    def average(self):
        if not self.grades:
            return 0.0
        return sum(self.grades) / len(self.grades)


class PhoneBook:
    """Numbers by name.

    >>> pb = PhoneBook()
    >>> pb.add("amy", "555")
    >>> pb.lookup("amy")
    '555'
    """

    def __init__(self):
        self.entries = {}

    def add(self, name: str, number: str):
        self.entries[name] = number

    def lookup(self, name):
        return self.entries.get(name, "")

    def names(self):
        return sorted(self.entries)


class RingBuffer:
    """The last `size` values.

    >>> r = RingBuffer(2)
    >>> r.append(1)
    >>> r.append(2)
    >>> r.append(3)
    >>> r.get()
    [2, 3]
    """

    def __init__(self, size):
        self.size = size
        self.data = []

    def append(self, x):
        self.data.append(x)
        if len(self.data) > self.size:
            self.data.pop(0)

    def get(self):
        return self.data


class Grid:
    """A grid of characters.

    >>> g = Grid(2, 2)
    >>> g.fill(0, 0, "#")
    >>> g.row(0)
    '#.'
    """

    def __init__(self, width, height):
        self.width = width
        self.height = height
        self.cells = [["." for _ in range(width)] for _ in range(height)]

    def fill(self, x, y, ch):
        self.cells[y][x] = ch

    def row(self, y):
        return "".join(self.cells[y])


class Trie:
    """Words stored by prefix (as a set of prefixes).

    >>> t = Trie()
    >>> t.insert("cat")
    >>> t.starts_with("ca")
    True
    """

    def __init__(self):
        self.prefixes = set()
        self.words = set()

    def insert(self, word):
        for i in range(1, len(word) + 1):
            self.prefixes.add(word[:i])
        self.words.add(word)

    def search(self, word):
        return word in self.words

    def starts_with(self, prefix):
        return prefix in self.prefixes


class Temperature:
    """Readings in Celsius.

    >>> t = Temperature()
    >>> t.record(20.5)
    >>> t.highest()
    20.5
    """

    def __init__(self):
        self.readings = []

    def record(self, celsius: float):
        self.readings.append(celsius)

    def highest(self):
        return max(self.readings)

    def in_fahrenheit(self):
        return [c * 9 / 5 + 32 for c in self.readings]


class Parking:
    """Cars parked by slot.

    >>> p = Parking(2)
    >>> p.park("abc")
    0
    """

    def __init__(self, slots):
        self.slots = slots
        self.cars = {}

    def park(self, plate):
        for i in range(self.slots):
            if i not in self.cars:
                self.cars[i] = plate
                return i
        return -1

    def leave(self, slot):
        if slot in self.cars:
            del self.cars[slot]

    def free(self):
        return self.slots - len(self.cars)


class Playlist:
    """Songs and their lengths in seconds.

    >>> p = Playlist("mix")
    >>> p.add("song", 200)
    >>> p.duration()
    200
    """

    def __init__(self, name):
        self.name = name
        self.songs = []
        self.lengths = []

    def add(self, title, seconds):
        self.songs.append(title)
        self.lengths.append(seconds)

    def duration(self):
        return sum(self.lengths)

    def titles(self):
        return ", ".join(self.songs)


class Accumulator:
    """Collects items and reports them.

    >>> a = Accumulator()
    >>> a.collect(1)
    >>> a.report()
    [1]
    """

    def __init__(self):
        self.seen = []

    def collect(self, item):
        if item not in self.seen:
            self.seen.append(item)

    def report(self):
        return list(self.seen)


class Frequency:
    """Letter frequencies.

    >>> f = Frequency("abca")
    >>> f.of("a")
    2
    """

    def __init__(self, text):
        self.freq = {}
        for ch in text:
            self.freq[ch] = self.freq.get(ch, 0) + 1

    def of(self, ch):
        return self.freq.get(ch, 0)


class Edges:
    """Weighted edges.

    >>> e = Edges()
    >>> e.add(0, 1, 2.5)
    >>> e.weight(0, 1)
    2.5
    """

    def __init__(self):
        self.weights = {}

    def add(self, u, v, w):
        self.weights[(u, v)] = w

    def weight(self, u, v):
        return self.weights.get((u, v), 0.0)


def use_classes():
    """Calls the constructors with literals (the module's own usage).

    >>> use_classes()
    6
    """
    d = Digraph(3)
    d.add_edge(0, 1)
    c = Counter2(0)
    m = Matrix(2, 2)
    r = RingBuffer(3)
    lib = Library()
    lib.add_book("x", "y")
    h = History(5)
    h.record("x")
    p = Parking(3)
    pl = Playlist("x")
    uf = UnionFind(3)
    g = Grid(2, 2)
    n = Node(1)
    st = Student("a")
    acct = BankAccount("x", 10)
    poly = Polynomial([1, 2])
    f = Frequency("ab")
    cache = LRUCache(2)
    cache.put(1, 2)
    others = [p.free(), pl.duration(), uf.find(0), len(g.row(0)), acct.balance, poly.evaluate(1)]
    others += [cache.get(1), len(h.entries), int(st.average())]
    return (
        d.vertices
        + c.tick()
        + m.rows
        - len(r.get())
        + f.of("a")
        - 1
        + n.value
        - 1
        + 0 * sum(others)
    )
