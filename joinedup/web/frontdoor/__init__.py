"""The front door: contacts and referrals from any agency, screening with a RAG rating,
and the urgent path."""
