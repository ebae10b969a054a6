"""Fonctions utilitaires pour les chaînes (résumé)."""


# Auteur : André -- encodage hérité de l'éditeur Windows
def greet(name: str) -> str:
    """Salue quelqu'un, p.ex. « café ».

    >>> greet("Zoé")
    'Bonjour Zoé !'
    """
    # préfixe fixe
    return "Bonjour " + name + " !"


def accent_count(text: str) -> int:
    """Compte les caractères accentués."""
    return sum(1 for ch in text if ch in "éèêàç")
